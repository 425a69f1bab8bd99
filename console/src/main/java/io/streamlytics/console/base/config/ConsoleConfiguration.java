package io.streamlytics.console.base.config;

import com.zaxxer.hikari.HikariDataSource;
import io.streamlytics.core.clickhouse.ClickHouse;
import io.streamlytics.core.clickhouse.ClickHouseSettings;
import io.streamlytics.core.config.PlatformConfig;
import io.streamlytics.core.postgres.PostgresMigrations;
import io.streamlytics.core.postgres.PostgresSettings;
import io.streamlytics.query.QueryEngine;
import io.streamlytics.query.QueryLimits;
import io.streamlytics.query.segments.SegmentStore;
import java.net.URI;
import java.time.Clock;
import java.util.AbstractMap;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * Wires the console from the platform's one typed configuration ({@code ANALYTICS_*} variables),
 * validated at startup like every other part of the platform.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ConsoleConfiguration {

    /** {@code ANALYTICS_*} keys from the process environment, or Spring properties of that name. */
    @Bean
    PlatformConfig platformConfig(Environment environment) {
        return PlatformConfig.fromEnvironment(
                new AbstractMap<>() {
                    @Override
                    public String get(Object key) {
                        return environment.getProperty(key.toString());
                    }

                    @Override
                    public Set<Entry<String, String>> entrySet() {
                        return Set.of();
                    }
                });
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(PlatformConfig config) {
        PostgresSettings settings = PostgresSettings.from(config.postgres());
        PostgresMigrations.apply(settings);
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(settings.url());
        dataSource.setUsername(settings.user());
        dataSource.setPassword(settings.password());
        dataSource.setMaximumPoolSize(8);
        return dataSource;
    }

    /** Redis, where the Metrics job keeps live metrics; a lost connection is retried per call. */
    @Bean(destroyMethod = "close")
    JedisPooled redis(PlatformConfig config) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        // one connection per watched project blocks in XREAD; the rest serve readers
        pool.setMaxTotal(64);
        return new JedisPooled(
                pool,
                JedisURIHelper.getHostAndPort(URI.create(config.redis().effectiveUrl())),
                DefaultJedisClientConfig.builder()
                        .connectionTimeoutMillis(2000)
                        .socketTimeoutMillis(5000)
                        .build());
    }

    @Bean(destroyMethod = "close")
    ClickHouse clickHouse(PlatformConfig config) {
        return ClickHouse.connect(ClickHouseSettings.from(config.clickhouse()));
    }

    /** Segment members in ClickHouse, one version per refresh. */
    @Bean
    SegmentStore segmentStore(ClickHouse clickhouse, Clock clock) {
        return new SegmentStore(clickhouse, clock);
    }

    /** The analyses (trends, funnels, retention, paths) with the default cost limits. */
    @Bean
    QueryEngine queryEngine(ClickHouse clickhouse, Clock clock) {
        return new QueryEngine(clickhouse, QueryLimits.defaults(), clock);
    }
}
