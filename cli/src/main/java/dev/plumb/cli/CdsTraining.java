package dev.plumb.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The training run of the {@code ./plumb} launcher on JDKs before 19: a short JVM of its own that
 * loads what a scan loads, so that {@code -XX:ArchiveClassesAtExit} writes a class-data archive the
 * real command then starts from. It scans a tiny offline snapshot (engine, rules, reports) and
 * starts a live scan against a closed local port (AWS SDK clients, credentials, HTTP), printing
 * nothing and touching nothing outside a temporary directory. Later JDKs make the archive
 * themselves ({@code -XX:+AutoCreateSharedArchive}).
 */
public final class CdsTraining {

    private static final String SNAPSHOT = """
            {"UserDetailList": [], "GroupDetailList": [], "Policies": [], "RoleDetailList": [{
              "Path": "/", "RoleName": "support", "RoleId": "AROATRAINING000000001",
              "Arn": "arn:aws:iam::000000000000:role/support", "CreateDate": "2025-01-01T00:00:00+00:00",
              "AttachedManagedPolicies": [{"PolicyName": "AWSSupportAccess",
                "PolicyArn": "arn:aws:iam::aws:policy/AWSSupportAccess"}]}]}
            """;

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Files.createTempDirectory("plumb-cds-training");
        PrintStream silent = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        try {
            Path snapshot = Files.writeString(work.resolve("snapshot.json"), SNAPSHOT);
            Main.run(new String[] {"scan", "--quiet", "--snapshot", snapshot.toString(), "--output",
                work.resolve("offline").toString()}, silent, silent);
            System.setProperty("aws.accessKeyId", "AKIAPLUMBTRAINING000");
            System.setProperty("aws.secretAccessKey", "training");
            Main.run(new String[] {"scan", "--quiet", "--endpoint-url", "http://127.0.0.1:" + closedPort(),
                "--region", "us-east-1", "--call-timeout", "1", "--output", work.resolve("live").toString()},
                silent, silent);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
