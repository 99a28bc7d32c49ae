package com.example.plumb.s3;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.plumb.api.AwsClients;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Binds the S3 client Plumb does not bind itself. {@link AwsClients} gives it the scanned account's
 * credentials, region, endpoint, retries and timeouts, and closes it when the account is done.
 */
final class S3Module extends AbstractModule {

    @Provides
    @Singleton
    S3Client s3(AwsClients clients) {
        // ListBuckets returns the buckets of every region; let the client follow each one to its region.
        return clients.build(S3Client.builder().crossRegionAccessEnabled(true));
    }
}
