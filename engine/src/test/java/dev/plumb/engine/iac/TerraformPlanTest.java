package dev.plumb.engine.iac;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.plumb.api.NotApplicableException;
import dev.plumb.testing.IamFixtures;
import dev.plumb.testing.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ListEntitiesForPolicyResponse;
import software.amazon.awssdk.services.iam.model.PolicyRole;
import software.amazon.awssdk.services.iam.model.PolicyUser;

/** How plan resources change the IAM answers of a real account (moto) they are applied to. */
class TerraformPlanTest {

    private static final String SUPPORT = "arn:aws:iam::aws:policy/AWSSupportAccess";
    private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

    private final MotoServer moto = MotoServer.shared();

    @TempDir
    Path dir;

    @BeforeEach
    void accountWithASupportRole() {
        moto.reset();
        try (IamClient iam = moto.iam("us-east-1")) {
            new IamFixtures(iam, "aws").supportRole("aws-support").user("alice");
        }
    }

    @Test
    void withoutChangesTheAccountKeepsItsSupportRole() throws IOException {
        assertThat(roles(plan(List.of(), ""))).containsExactly("aws-support");
    }

    @Test
    void aPolicyAttachmentResourceOwnsEveryEntityOfItsPolicy() throws IOException {
        String plan = plan(List.of(resource("aws_iam_policy_attachment", "support",
                "{\"name\": \"support\", \"policy_arn\": \"" + SUPPORT + "\", \"roles\": [], \"users\": [\"alice\"],"
                        + " \"groups\": []}", "{}")), "");

        ListEntitiesForPolicyResponse answer = answer(plan);
        assertThat(answer.policyRoles()).isEmpty();
        assertThat(answer.policyUsers()).extracting(PolicyUser::userName).containsExactly("alice");
    }

    @Test
    void managedPolicyArnsOfARoleReplaceItsPoliciesOnlyWhenConfigured() throws IOException {
        String role = resource("aws_iam_role", "support", "{\"name\": \"aws-support\", \"managed_policy_arns\": [\""
                + READ_ONLY + "\"]}", "{}");
        String configured = "{\"address\": \"aws_iam_role.support\", \"mode\": \"managed\", \"type\": \"aws_iam_role\","
                + " \"name\": \"support\", \"expressions\": {\"managed_policy_arns\": {\"constant_value\": [\""
                + READ_ONLY + "\"]}}}";

        assertThat(roles(plan(List.of(role), configured))).isEmpty();
        assertThat(roles(plan(List.of(role), ""))).containsExactly("aws-support");
    }

    @Test
    void exclusiveRoleAttachmentsDetachEveryOtherPolicy() throws IOException {
        String plan = plan(List.of(resource("aws_iam_role_policy_attachments_exclusive", "support",
                "{\"role_name\": \"aws-support\", \"policy_arns\": [\"" + READ_ONLY + "\"]}", "{}")), "");

        assertThat(roles(plan)).isEmpty();
    }

    @Test
    void anUnknownPolicyArnOnlyMattersWhenNoKnownRoleDecides() throws IOException {
        String unknown = resource("aws_iam_role_policy_attachment", "maybe", "{\"role\": \"ci\"}",
                "{\"policy_arn\": true}");

        ListEntitiesForPolicyResponse answer = answer(plan(List.of(unknown), ""));
        assertThat(answer.policyRoles()).extracting(PolicyRole::roleName).containsExactly("aws-support");
        assertThat(answer.isTruncated()).isTrue();

        IamView alone = IacInput.readPlan(write(plan(List.of(unknown), "")), null, dir).iamClient(null);
        assertThatThrownBy(() -> alone.client().listEntitiesForPolicyPaginator(r -> r.policyArn(SUPPORT))
                .forEach(page -> { }))
                .isInstanceOf(UnknownAtPlanTime.class)
                .hasMessageContaining("policy_arn of aws_iam_role_policy_attachment.maybe");
    }

    @Test
    void operationsThePlanDoesNotDescribeAreNotApplicable() throws IOException {
        IamView view = IacInput.readPlan(write(plan(List.of(), "")), null, dir).iamClient(null);

        assertThatThrownBy(() -> view.client().getAccountSummary())
                .isInstanceOf(NotApplicableException.class).hasMessageContaining("iam:GetAccountSummary");
    }

    @Test
    void theAccountComesFromTheProviderRoleWhenNoCallerIdentityIsRead() throws IOException {
        String plan = plan(List.of(), "").replace("\"provider_config\": {}", "\"provider_config\": {\"aws\": {"
                + "\"name\": \"aws\", \"expressions\": {\"assume_role\": [{\"role_arn\": {\"constant_value\": "
                + "\"arn:aws-us-gov:iam::210987654321:role/deploy\"}}]}}}");

        IacState state = IacInput.readPlan(write(plan), null, dir);
        assertThat(state.account()).isEqualTo("210987654321");
        assertThat(state.partition()).isEqualTo("aws-us-gov");
    }

    @Test
    void installedModulesAreFoundThroughModulesJsonForEveryInstance() throws IOException {
        Files.writeString(dir.resolve("main.tf"), "module \"baseline\" {\n  source = \"acme/baseline/aws\"\n}\n");
        Path installed = Files.createDirectories(dir.resolve(".terraform/modules/baseline"));
        Files.writeString(installed.resolve("iam.tf"), "locals {}\n\nresource \"aws_iam_role\" \"support\" {\n}\n");
        Files.writeString(dir.resolve(".terraform/modules/modules.json"), "{\"Modules\": [{\"Key\": \"\", \"Source\": "
                + "\"\", \"Dir\": \".\"}, {\"Key\": \"baseline\", \"Source\": \"registry.terraform.io/acme/baseline/aws\","
                + " \"Version\": \"1.0.0\", \"Dir\": \".terraform/modules/baseline\"}]}");
        String plan = plan(List.of(), "").replace("\"planned_values\": {\"root_module\": {\"resources\": []}}",
                "\"planned_values\": {\"root_module\": {\"resources\": [], \"child_modules\": [{\"address\": "
                        + "\"module.baseline[\\\"eu\\\"]\", \"resources\": [{\"address\": "
                        + "\"module.baseline[\\\"eu\\\"].aws_iam_role.support[\\\"primary\\\"]\","
                        + " \"mode\": \"managed\", \"type\": \"aws_iam_role\", \"name\": \"support\", \"values\": "
                        + "{\"name\": \"aws-support\"}}]}]}}");

        IamView view = IacInput.readPlan(write(plan), dir, dir).iamClient(null);

        assertThat(view.locate("arn:aws:iam::111122223333:role/aws-support"))
                .contains(".terraform/modules/baseline/iam.tf:3");
    }

    private List<String> roles(String plan) throws IOException {
        return answer(plan).policyRoles().stream().map(PolicyRole::roleName).toList();
    }

    private ListEntitiesForPolicyResponse answer(String plan) throws IOException {
        try (IamClient live = moto.iam("us-east-1")) {
            IamView view = IacInput.readPlan(write(plan), null, dir).iamClient(live);
            return view.client().listEntitiesForPolicy(r -> r.policyArn(SUPPORT).maxItems(1000));
        }
    }

    private Path write(String plan) throws IOException {
        return Files.writeString(dir.resolve("plan.json"), plan);
    }

    private static String resource(String type, String name, String values, String afterUnknown) {
        return type + "." + name + "|" + type + "|" + name + "|" + values + "|" + afterUnknown;
    }

    /** A plan that creates these resources ({@code address|type|name|values|after_unknown}) in the root module. */
    private static String plan(List<String> resources, String configuration) {
        List<String> planned = new ArrayList<>();
        List<String> changes = new ArrayList<>();
        for (String resource : resources) {
            String[] parts = resource.split("\\|", 5);
            String head = "\"address\": \"" + parts[0] + "\", \"mode\": \"managed\", \"type\": \"" + parts[1]
                    + "\", \"name\": \"" + parts[2] + "\"";
            planned.add("{" + head + ", \"values\": " + parts[3] + "}");
            changes.add("{" + head + ", \"change\": {\"actions\": [\"create\"], \"before\": null, \"after\": " + parts[3]
                    + ", \"after_unknown\": " + parts[4] + "}}");
        }
        return "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {\"resources\": ["
                + String.join(", ", planned) + "]}}, \"resource_changes\": [" + String.join(", ", changes) + "], "
                + "\"prior_state\": {\"values\": {\"root_module\": {\"resources\": []}}}, \"configuration\": {"
                + "\"provider_config\": {}, \"root_module\": {\"resources\": [" + configuration + "]}}}";
    }
}
