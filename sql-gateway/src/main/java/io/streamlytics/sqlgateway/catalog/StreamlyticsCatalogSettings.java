package io.streamlytics.sqlgateway.catalog;

/** Where the catalog's tables live. */
public record StreamlyticsCatalogSettings(
        String kafkaBootstrap,
        String clickhouseJdbcUrl,
        String clickhouseUser,
        String clickhousePassword) {}
