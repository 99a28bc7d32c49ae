package dev.plumb.engine.iac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.api.Account;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Values and lines of CloudFormation templates. */
class CloudFormationTemplateTest {

    private static final Account GOV = new Account("210987654321", "aws-us-gov");

    @TempDir
    Path dir;

    @Test
    void subWithVariablesSelectAndCommaDelimitedParametersResolve() throws IOException {
        IacState state = read("""
                Parameters:
                  Policies:
                    Type: CommaDelimitedList
                    Default: "arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/AWSSupportAccess"
                Resources:
                  Viewers:
                    Type: AWS::IAM::Group
                    Properties:
                      ManagedPolicyArns: !Ref Policies
                  SupportRole:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: !Sub "support-${AWS::Region}"
                      ManagedPolicyArns:
                        - !Sub
                          - "arn:${Partition}:iam::aws:policy/${Name}"
                          - Partition: !Ref AWS::Partition
                            Name: AWSSupportAccess
                        - !Select [1, !Split [",", "a,b"]]
                """);

        assertThat(state.attachments).extracting(a -> a.principal().known() + " " + a.policy().known()).containsExactly(
                "null arn:aws:iam::aws:policy/ReadOnlyAccess", "null arn:aws:iam::aws:policy/AWSSupportAccess",
                "support-us-gov-west-1 arn:aws-us-gov:iam::aws:policy/AWSSupportAccess", "support-us-gov-west-1 null");
        assertThat(state.attachments.get(3).policy().unknown()).contains("!Select");
        assertThat(state.principals).extracting(p -> p.where().line()).containsExactly(6, 10);
    }

    @ParameterizedTest(name = "AWS::URLSuffix in {0} is {1}")
    @CsvSource({"aws, amazonaws.com", "aws-cn, amazonaws.com.cn", "aws-us-gov, amazonaws.com",
            "aws-iso-b, sc2s.sgov.gov", "aws-eusc, amazonaws.eu"})
    void theUrlSuffixIsThePartitionsDnsSuffix(String partition, String suffix) throws IOException {
        Path file = Files.writeString(dir.resolve("template.yaml"), """
                Resources:
                  SupportRole:
                    Type: AWS::IAM::Role
                    Properties:
                      RoleName: !Sub "support-${AWS::URLSuffix}"
                      ManagedPolicyArns: [!Sub "arn:${AWS::Partition}:iam::aws:policy/AWSSupportAccess"]
                """);

        IacState state = CloudFormationTemplate.read(file, new Account("210987654321", partition), "any-region-1", dir);

        assertThat(state.attachments).extracting(a -> a.principal().known() + " " + a.policy().known())
                .containsExactly("support-" + suffix + " arn:" + partition + ":iam::aws:policy/AWSSupportAccess");
    }

    @Test
    void aResourceWithAConditionMayNotExist() throws IOException {
        IacState state = read("""
                Conditions:
                  IsProd: !Equals [!Ref "AWS::AccountId", "210987654321"]
                Resources:
                  SupportRole:
                    Type: AWS::IAM::Role
                    Condition: IsProd
                    Properties:
                      ManagedPolicyArns: [arn:aws-us-gov:iam::aws:policy/AWSSupportAccess]
                """);

        assertThat(state.attachments).singleElement().satisfies(a -> assertThat(a.policy().unknown())
                .isEqualTo("SupportRole exists only when condition IsProd holds"));
    }

    @Test
    void anSsmParameterIsKnownOnlyAtDeployEvenWithADefault() throws IOException {
        IacState state = read("""
                Parameters:
                  SupportPolicy:
                    Type: AWS::SSM::Parameter::Value<String>
                    Default: /baseline/support-policy-arn
                Resources:
                  SupportRole:
                    Type: AWS::IAM::Role
                    Properties:
                      ManagedPolicyArns: [!Ref SupportPolicy]
                """);

        assertThat(state.attachments).singleElement().satisfies(a -> assertThat(a.policy().unknown())
                .contains("SSM Parameter Store"));
    }

    @Test
    void aPlanGivenAsATemplateIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plan.json"), "{\"format_version\": \"1.2\", \"planned_values\": {}}");

        assertThatThrownBy(() -> CloudFormationTemplate.read(file, GOV, "us-gov-west-1", dir))
                .isInstanceOf(IacException.class).hasMessageContaining("is a Terraform plan");
    }

    @Test
    void anUnknownFunctionInJsonIsNamedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("t.json"), String.join("\n", List.of("{",
                "  \"Resources\": {",
                "    \"R\": {\"Type\": \"AWS::IAM::Role\", \"Properties\": {",
                "      \"ManagedPolicyArns\": [{\"Fn::Concat\": [\"a\", \"b\"]}]}}}}")));

        assertThatThrownBy(() -> CloudFormationTemplate.read(file, GOV, "us-gov-west-1", dir))
                .isInstanceOf(IacException.class).hasMessageContaining("line 4: unknown intrinsic function Fn::Concat");
    }

    private IacState read(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("template.yaml"), yaml);
        return CloudFormationTemplate.read(file, GOV, "us-gov-west-1", dir);
    }
}
