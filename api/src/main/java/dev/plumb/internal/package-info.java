/**
 * Internal to Plumb, not part of the rule SPI: what Plumb's own modules share. Plugins must not
 * depend on this package; it may move or change in any release.
 */
package dev.plumb.internal;
