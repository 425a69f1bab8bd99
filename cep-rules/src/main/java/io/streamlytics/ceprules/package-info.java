/**
 * The declarative rule format for funnels and alerts and its compiler to Flink CEP patterns.
 *
 * <p>Not built yet: this module exists so the build has its final shape; issue 7 fills it.
 */
package io.streamlytics.ceprules;
