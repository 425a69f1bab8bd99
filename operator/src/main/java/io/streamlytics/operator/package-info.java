/**
 * The Kubernetes operator for the {@code AnalyticsPlatform} resource.
 *
 * <p>Not built yet: for now this module only tests the Helm chart in {@code charts/}; a later issue
 * adds the operator itself.
 */
package io.streamlytics.operator;
