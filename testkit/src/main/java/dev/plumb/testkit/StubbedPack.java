package dev.plumb.testkit;

import com.google.inject.Module;
import com.google.inject.util.Modules;
import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** A pack as its service file loads it, with stub bindings over those of its own modules. */
final class StubbedPack implements RulePack {

    private final RulePack pack;
    private final Module stubs;

    StubbedPack(RulePack pack, Module stubs) {
        this.pack = pack;
        this.stubs = stubs;
    }

    @Override
    public List<Class<? extends Rule>> rules() {
        return pack.rules();
    }

    @Override
    public List<Module> modules() {
        return List.of(Modules.override(pack.modules()).with(stubs));
    }

    @Override
    public String name() {
        return pack.name();
    }
}
