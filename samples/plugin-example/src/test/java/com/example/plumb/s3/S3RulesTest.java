package com.example.plumb.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import dev.plumb.api.RulePack;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What Plumb checks when it loads the plugin, checked before it is shipped. */
class S3RulesTest {

    @Test
    void thePackIsFoundByServiceLoader() {
        assertThat(ServiceLoader.load(RulePack.class).stream().map(ServiceLoader.Provider::type))
                .contains(S3Rules.class);
    }

    @Test
    void everyRuleHasMetadataAHelpFileAndAnInjectableConstructor() {
        for (Class<? extends Rule> rule : new S3Rules().rules()) {
            RuleInfo info = rule.getAnnotation(RuleInfo.class);
            assertThat(info).as(rule.getName()).isNotNull();
            assertThat(info.id()).matches("[a-z][a-z0-9_]*");
            assertThat(rule.getResource(info.id() + ".md")).as("help file of " + info.id()).isNotNull();
            assertThat(rule.getDeclaredConstructors()).anyMatch(c -> c.isAnnotationPresent(jakarta.inject.Inject.class));
        }
    }
}
