package dev.plumb.testkit.sample;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import java.util.List;

/** The pack's own binding, as a plugin binds the SDK client it adds. */
final class InventoryModule extends AbstractModule {

    @Provides
    InventoryNames.Inventory inventory() {
        return () -> List.of("arn:sample:bound-by-the-pack");
    }
}
