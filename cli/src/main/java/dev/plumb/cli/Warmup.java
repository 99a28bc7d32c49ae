package dev.plumb.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import dev.plumb.reporting.ScanReports;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.platform.launcher.core.LauncherConfig;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;

/**
 * A scan spends its first second mostly loading classes on one core while the other waits for
 * the network. This thread loads what the scan needs later (the JUnit launcher, Guice, the IAM
 * client, Jackson, the report writers) while the main thread parses options and checks the
 * credentials. It only loads and initializes classes; it changes no state the scan depends on.
 */
final class Warmup {

    private static final String SWITCH = "PLUMB_WARMUP";

    private Warmup() {
    }

    static void startFor(String[] args) {
        if (args.length == 0 || !args[0].equals("scan") || "off".equals(System.getenv(SWITCH))) {
            return;
        }
        Thread thread = new Thread(Warmup::load, "plumb-warmup");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void load() {
        try {
            LauncherConfig.builder().enableTestEngineAutoRegistration(false).build();
            Guice.createInjector();
            IamClient.builder();
            ListEntitiesForPolicyResponse.builder().build();
            new ObjectMapper().writeValueAsString(new Object[] {"warm", 1});
            ScanReports.class.getName();
            Class.forName("io.qameta.allure.junitplatform.AllureJunitPlatform");
            Class.forName("org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener");
            DocumentBuilderFactory.newInstance();
        } catch (Exception | LinkageError ignored) {
            // warming up is an optimisation only: the scan loads whatever it needs itself
        }
    }
}
