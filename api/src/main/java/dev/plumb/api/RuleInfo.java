package dev.plumb.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The metadata of a {@link Rule}. The long help text (risk, remediation, references) lives in a
 * markdown file named {@code <id>.md} next to the rule class, unless {@link #help()} names another
 * class path resource.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

    /** Stable id, lower case letters, digits and underscores, unique across all loaded packs. */
    String id();

    /** One line saying what a compliant account looks like. */
    String title();

    Severity severity();

    String[] tags() default {};

    /** Controls this rule implements, such as {@code CIS-AWS-1.4:1.17}. */
    String[] compliance() default {};

    /** Class path resource of the help markdown, relative to the rule class; defaults to {@code <id>.md}. */
    String help() default "";
}
