/**
 * Tribuo churn and LTV models: features, training, evaluation, registry and scoring.
 *
 * <p>Not built yet: this module exists so the build has its final shape; a later issue fills it.
 */
package io.streamlytics.ml;
