package dev.plumb.api;

import java.util.regex.Pattern;

/**
 * The AWS account a rule is evaluating.
 *
 * @param id        the 12-digit account id
 * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}, from the caller identity ARN
 */
public record Account(String id, String partition) {

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final Pattern PARTITION = Pattern.compile("aws(-[a-z]+)*");

    public Account {
        if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not an AWS account id (12 digits): " + id);
        }
        if (partition == null || !PARTITION.matcher(partition).matches()) {
            throw new IllegalArgumentException("not an AWS partition: " + partition);
        }
    }

    public static boolean isAccountId(String text) {
        return text != null && ACCOUNT_ID.matcher(text).matches();
    }

    /** The partition of an ARN such as {@code arn:aws-cn:sts::123456789012:assumed-role/x/y}. */
    public static String partitionOf(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 3);
        if (parts.length < 3 || !parts[0].equals("arn") || !PARTITION.matcher(parts[1]).matches()) {
            throw new IllegalArgumentException("not an ARN: " + arn);
        }
        return parts[1];
    }

    /** {@code arn:<partition>:iam::<id>:root}, the ARN that stands for the account itself. */
    public String rootArn() {
        return "arn:" + partition + ":iam::" + id + ":root";
    }

    /** The ARN of an AWS managed IAM policy in this account's partition. */
    public String awsManagedPolicyArn(String policyName) {
        return "arn:" + partition + ":iam::aws:policy/" + policyName;
    }

    /** The ARN of an IAM role of this account. */
    public String roleArn(String roleName) {
        return "arn:" + partition + ":iam::" + id + ":role/" + roleName;
    }
}
