/**
 * Acoustic detection: PCM sources, impulsive onsets, classification (gunshot, explosion, glass break; sirens as
 * context only) and localisation across sensors. No speech processing of any kind happens here: audio is reduced
 * to spectral and envelope features and discarded, except the short impulsive segment kept as evidence.
 */
package org.vigie.audio;
