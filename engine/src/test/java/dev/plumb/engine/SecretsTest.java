package dev.plumb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.plumb.api.Finding;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void aSecretIsMaskedWhereItStandsAloneHoweverShortAndNotInsideALongerWord() {
        Secrets secrets = new Secrets();
        secrets.add("ab");

        assertThat(secrets.mask("ExternalId=ab&Version=1 ab. (ab) table abc xab a_ab ab"))
                .isEqualTo("ExternalId=****&Version=1 ****. (****) table abc xab a_ab ****");
    }

    @Test
    void anExternalIdThatIsAnXmlTagNameLeavesTheWordInsideOtherWordsAlone() {
        Secrets secrets = new Secrets();
        secrets.add("testcase");

        assertThat(secrets.mask("testcases <testcase> ExternalId=testcase"))
                .isEqualTo("testcases <****> ExternalId=****");
    }

    @Test
    void theUrlEncodedFormOfASecretIsMaskedToo() {
        Secrets secrets = new Secrets();
        secrets.add("FwoG/token+end==");

        assertThat(secrets.mask("X-Amz-Security-Token=FwoG%2Ftoken%2Bend%3D%3D&x=1 token: FwoG/token+end=="))
                .isEqualTo("X-Amz-Security-Token=****&x=1 token: ****");
    }

    @Test
    void aSecretThatEndsInPunctuationIsMaskedEvenWhenALetterFollows() {
        Secrets secrets = new Secrets();
        secrets.add("abc==");

        assertThat(secrets.mask("tokenabc==x abc==x")).isEqualTo("tokenabc==x ****x");
    }

    @Test
    void anAccountsSecretsAddToTheScansAndMaskFindingsButNotTheirResource() {
        Secrets scan = new Secrets();
        scan.add("AKIACALLER");
        Secrets account = scan.child();
        account.add("ASIAASSUMED");

        Finding masked = account.mask(Finding.error("arn:aws:iam::123456789012:role/AKIACALLER",
                "keys AKIACALLER and ASIAASSUMED").with("request", "Credential=ASIAASSUMED/2026"));

        assertThat(masked.message()).isEqualTo("keys **** and ****");
        assertThat(masked.evidence()).isEqualTo(Map.of("request", "Credential=****/2026"));
        assertThat(masked.resource()).isEqualTo("arn:aws:iam::123456789012:role/AKIACALLER");
        assertThat(scan.mask("ASIAASSUMED")).as("the scan's own secrets stay the scan's").isEqualTo("ASIAASSUMED");
        assertThat(new Secrets().mask("nothing to hide")).isEqualTo("nothing to hide");
    }
}
