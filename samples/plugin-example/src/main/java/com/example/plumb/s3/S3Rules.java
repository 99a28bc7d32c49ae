package com.example.plumb.s3;

import com.google.inject.Module;
import dev.plumb.api.Rule;
import dev.plumb.api.RulePack;
import java.util.List;

/** The plugin's entry point, listed in {@code META-INF/services/dev.plumb.api.RulePack}. */
public final class S3Rules implements RulePack {

    @Override
    public List<Class<? extends Rule>> rules() {
        return List.of(S3BucketPublicAccessBlock.class, S3BucketVersioning.class);
    }

    @Override
    public List<Module> modules() {
        return List.of(new S3Module());
    }

    @Override
    public String name() {
        return "example-s3";
    }
}
