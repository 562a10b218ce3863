package dev.keel.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the billing module.
 *
 * @param seedCatalog whether to publish a starter catalogue (free, monthly with trial, monthly, yearly)
 *     at start when those plans do not exist; on in the development profile only
 */
@ConfigurationProperties("keel.billing")
record BillingProperties(@DefaultValue("false") boolean seedCatalog) {}
