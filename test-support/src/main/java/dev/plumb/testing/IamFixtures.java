package dev.plumb.testing;

import software.amazon.awssdk.services.iam.IamClient;

/** Builds IAM fixtures in a (moto) account. */
public final class IamFixtures {

    public static final String TRUST_POLICY = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
            "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]}""";

    private final IamClient iam;
    private final String partition;

    public IamFixtures(IamClient iam, String partition) {
        this.iam = iam;
        this.partition = partition;
    }

    public String supportPolicyArn() {
        return "arn:" + partition + ":iam::aws:policy/AWSSupportAccess";
    }

    public IamFixtures role(String name) {
        iam.createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST_POLICY));
        return this;
    }

    public IamFixtures roleWithPolicy(String name, String policyArn) {
        role(name);
        iam.attachRolePolicy(r -> r.roleName(name).policyArn(policyArn));
        return this;
    }

    public IamFixtures supportRole(String name) {
        return roleWithPolicy(name, supportPolicyArn());
    }

    public IamFixtures user(String name) {
        iam.createUser(r -> r.userName(name));
        return this;
    }

    public IamFixtures userWithPolicy(String name, String policyArn) {
        user(name);
        iam.attachUserPolicy(r -> r.userName(name).policyArn(policyArn));
        return this;
    }

    public IamFixtures groupWithPolicy(String name, String policyArn) {
        iam.createGroup(r -> r.groupName(name));
        iam.attachGroupPolicy(r -> r.groupName(name).policyArn(policyArn));
        return this;
    }

    /** A customer managed policy; returns its ARN. */
    public String customerPolicy(String name) {
        return iam.createPolicy(r -> r.policyName(name).policyDocument("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"support:*","Resource":"*"}]}"""))
                .policy().arn();
    }
}
