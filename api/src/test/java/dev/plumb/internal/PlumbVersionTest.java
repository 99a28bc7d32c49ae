package dev.plumb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlumbVersionTest {

    @Test
    void theVersionIsTheBuildsProjectVersion() {
        assertThat(System.getProperty("plumb.projectVersion")).isNotBlank();
        assertThat(PlumbVersion.get()).isEqualTo(System.getProperty("plumb.projectVersion"));
    }
}
