package dev.plumb.engine;

import dev.plumb.api.Rule;
import dev.plumb.api.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

final class HelpText {

    private HelpText() {
    }

    static String load(Class<? extends Rule> ruleClass, String path, RuleInfo info) {
        try (InputStream in = ruleClass.getResourceAsStream(path)) {
            if (in == null) {
                return "# " + info.title() + "\n\nNo help file (" + path + ") was shipped with rule `"
                        + info.id() + "`.\n";
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read help file " + path + " of rule " + info.id(), e);
        }
    }
}
