/**
 * Internal to Plumb, not part of the rule SPI: the findings and rule metadata that the engine
 * publishes as JUnit Platform report entries and that the report writers read back. Both sides use
 * these records, so the entry format is written once and parsed once. Plugins must not depend on
 * this package; it may move or change in any release.
 */
package dev.plumb.internal.report;
