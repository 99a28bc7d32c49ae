package dev.plumb.engine;

import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

/**
 * A file of account ids: one 12-digit id per line, {@code #} starts a comment, blank lines are fine.
 * Internal to Plumb: the command line reads {@code --accounts-file} with it, the engine
 * {@link PlumbEngineKeys#ACCOUNTS_FILE}.
 */
final class AccountsFile {

    private AccountsFile() {
    }

    /**
     * The ids of the file, sorted and without repeats.
     *
     * @param option how the user named the file (an option or a key), for the one-line errors
     * @throws PlumbConfigurationException when the file cannot be read, holds something that is not
     *                                     an account id, or lists no id
     */
    public static List<String> read(Path file, String option) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PlumbConfigurationException(option + " " + file + " does not exist.");
        } catch (IOException e) {
            throw new PlumbConfigurationException("cannot read " + option + " " + file + ": " + e.getMessage() + ".");
        }
        TreeSet<String> ids = new TreeSet<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            int comment = line.indexOf('#');
            String id = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (id.isEmpty()) {
                continue;
            }
            if (!Account.isAccountId(id)) {
                throw new PlumbConfigurationException(file + ":" + number + ": '" + id + "' is not an AWS account id"
                        + " (12 digits); the file lists one id per line, '#' starts a comment.");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new PlumbConfigurationException(option + " " + file + " lists no account id.");
        }
        return List.copyOf(ids);
    }
}
