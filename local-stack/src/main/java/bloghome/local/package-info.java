/**
 * The system on one machine: DynamoDB (moto), S3 (S3Proxy), S3 notifications and an HTTP gateway.
 */
package bloghome.local;
