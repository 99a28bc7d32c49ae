package com.example.plumb.s3;

import dev.plumb.testkit.PackCheck;
import org.junit.jupiter.api.Test;

/** What Plumb checks when it loads the plugin, checked before it is shipped. */
class S3RulesTest {

    @Test
    void thePackLoadsAsPlumbLoadsIt() {
        PackCheck.assertValid(S3Rules.class);
    }
}
