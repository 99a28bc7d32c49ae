/**
 * The rule test kit for plugin authors. {@link dev.plumb.testkit.RuleTester} runs one rule through
 * Plumb's engine against moto, an offline snapshot or stub clients and gives a
 * {@link dev.plumb.testkit.RuleResult}; {@link dev.plumb.testkit.RuleResultAssert} checks its findings;
 * {@link dev.plumb.testkit.PackCheck} checks a rule pack the way Plumb does when it loads a plugin.
 */
package dev.plumb.testkit;
