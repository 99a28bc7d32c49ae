package com.example.audit;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.Select;
import org.junit.platform.suite.api.Suite;

/**
 * Checks live accounts by assuming a role in each, with the caller's AWS credentials. The pom runs
 * it only when {@code plumb.endpointUrl} is given ({@code mvn verify -Dplumb.endpointUrl=http://127.0.0.1:5000}
 * for moto); for real accounts, put your ids and role here and drop the pom's exclusion.
 */
@Suite
@IncludeEngines("plumb")
@Select("uid:[engine:plumb]")
@ConfigurationParameter(key = "plumb.accounts", value = "111111111111,222222222222")
@ConfigurationParameter(key = "plumb.roleName", value = "PlumbAudit")
class LiveAccountsTest {
}
