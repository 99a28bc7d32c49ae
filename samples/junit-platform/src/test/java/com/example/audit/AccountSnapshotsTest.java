package com.example.audit;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectClasspathResource;
import org.junit.platform.suite.api.Suite;

/** Checks the account snapshots kept in src/test/resources/accounts; each finding is a test. */
@Suite
@IncludeEngines("plumb")
@SelectClasspathResource("accounts")
@ConfigurationParameter(key = "plumb.minSeverity", value = "low")
class AccountSnapshotsTest {
}
