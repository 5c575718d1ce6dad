package org.vigie.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The collections an incident keeps behave as the plain ones they replace, whatever the order of growth. */
class IncidentCollectionsTest {
    /** Versions grown from the same or older versions each keep exactly their own elements. */
    @Test
    void everyVersionOfAGrowingListKeepsItsOwnElements() {
        var random = new Random(42);
        var versions = new ArrayList<GrowingList<Integer>>();
        var expected = new ArrayList<List<Integer>>();
        versions.add(GrowingList.of(List.of()));
        expected.add(List.of());
        for (int step = 0; step < 20_000; step++) {
            int from = random.nextInt(4) == 0 ? random.nextInt(versions.size()) : versions.size() - 1;
            var plain = new ArrayList<>(expected.get(from));
            GrowingList<Integer> grown;
            if (random.nextInt(10) == 0) {
                var more = List.of(step, -step);
                grown = versions.get(from).plusAll(more);
                plain.addAll(more);
            } else {
                grown = versions.get(from).plus(step);
                plain.add(step);
            }
            versions.add(grown);
            expected.add(plain);
        }
        for (int i = 0; i < versions.size(); i++) {
            assertThat(versions.get(i)).as("version %d", i).isEqualTo(expected.get(i));
            assertThat(versions.get(i).hashCode()).isEqualTo(expected.get(i).hashCode());
        }
    }

    /** Threads growing the same version at once never overwrite each other's element. */
    @Test
    void concurrentGrowthFromOneVersionNeverShares() throws Exception {
        var base = GrowingList.of(List.of(0)).plus(1);
        int threads = 8;
        var results = new ConcurrentLinkedQueue<GrowingList<Integer>>();
        var start = new CountDownLatch(1);
        try (var pool = Executors.newFixedThreadPool(threads)) {
            for (int t = 0; t < threads; t++) {
                int mine = 100 + t;
                pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < 1000; k++) {
                        results.add(base.plus(mine));
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(results).hasSize(threads * 1000);
        for (var r : results) {
            assertThat(r).hasSize(3).startsWith(0, 1);
            assertThat(r.get(2)).isBetween(100, 100 + threads - 1);
        }
        assertThat(results.stream().map(r -> r.get(2)).distinct().count()).isEqualTo(threads);
        assertThat(base).containsExactly(0, 1);
    }

    @Test
    void aGrowingListRefusesNullsAndIsImmutable() {
        var list = GrowingList.of(List.of("a"));
        assertThatThrownBy(() -> list.plus(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> list.add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    /** Source confidences merge as a TreeMap with {@code Math::max} does, in the same order, with kinds read once. */
    @Test
    void sourceConfidencesMergeLikeATreeMap() {
        var random = new Random(7);
        SourceKind[] kinds = {SourceKind.CAMERA, SourceKind.CITIZEN, SourceKind.ACOUSTIC_SENSOR, SourceKind.SOCIAL};
        for (int trial = 0; trial < 2_000; trial++) {
            var tree = new TreeMap<String, Double>();
            var array = SourceConfidences.of(Map.of());
            for (int k = 0; k < 12; k++) {
                var source = new Source(kinds[random.nextInt(kinds.length)], "s" + random.nextInt(4));
                double value = random.nextInt(10) / 10.0;
                tree.merge(source.toString(), value, Math::max);
                var before = array;
                array = array.withMax(source, value);
                if (before.containsKey(source.toString()) && before.get(source.toString()) >= value) {
                    assertThat(array).isSameAs(before);
                }
                assertThat(array).isEqualTo(tree);
                assertThat(List.copyOf(array.keySet())).isEqualTo(List.copyOf(tree.keySet()));
                assertThat(array.hashCode()).isEqualTo(tree.hashCode());
                // Social streams are one source, the best of them.
                double miss = 1;
                double social = 0;
                for (var e : tree.entrySet()) {
                    if (e.getKey().startsWith("social/")) {
                        social = Math.max(social, e.getValue());
                    } else {
                        miss *= 1 - e.getValue();
                    }
                }
                assertThat(array.noisyOr()).isEqualTo(1 - miss * (1 - social));
                var seen = new ArrayList<String>();
                array.forEachSource((key, kind, confidence) -> {
                    assertThat(kind).isEqualTo(SourceKind.ofKey(key));
                    assertThat(confidence).isEqualTo(tree.get(key));
                    seen.add(key);
                });
                assertThat(seen).isEqualTo(List.copyOf(tree.keySet()));
            }
            var copy = new TreeMap<>(tree);
            assertThat(SourceConfidences.of(tree).maxWith(copy)).isEqualTo(tree);
        }
        assertThat(SourceConfidences.of(Map.of("a", 1.0)).get(3)).isNull();
        var unknown = SourceConfidences.of(Map.of("pigeon/7", 0.5));
        unknown.forEachSource((key, kind, confidence) -> assertThat(kind).isNull());
    }

    /** Member counts add up as a TreeMap with {@code Integer::sum} does, in the order of member kinds. */
    @Test
    void memberCountsAddUpLikeATreeMap() {
        var random = new Random(11);
        SourceKind[] sources = SourceKind.values();
        EventType[] types = EventType.values();
        for (int trial = 0; trial < 2_000; trial++) {
            var tree = new TreeMap<MemberKind, Integer>();
            var other = new TreeMap<MemberKind, Integer>();
            MemberCounts counts = MemberCounts.of(Map.of());
            for (int k = 0; k < 10; k++) {
                var kind = new MemberKind(sources[random.nextInt(3)], types[random.nextInt(types.length)]);
                tree.merge(kind, 1, Integer::sum);
                other.merge(kind, 2, Integer::sum);
                counts = counts.plusOne(kind);
                assertThat(counts).isEqualTo(tree);
                assertThat(List.copyOf(counts.keySet())).isEqualTo(List.copyOf(tree.keySet()));
                assertThat(counts.count(kind)).isEqualTo(tree.get(kind));
            }
            var sum = new TreeMap<>(tree);
            other.forEach((kind, n) -> sum.merge(kind, n, Integer::sum));
            assertThat(counts.plusAll(other)).isEqualTo(sum);
            assertThat(MemberCounts.of(tree)).isEqualTo(tree);
        }
        var one = MemberCounts.one(new MemberKind(SourceKind.CITIZEN, EventType.NOISE));
        assertThat(one.get(new MemberKind(SourceKind.CAMERA, EventType.NOISE))).isNull();
        assertThat(one.count(new MemberKind(SourceKind.CAMERA, EventType.NOISE))).isZero();
        assertThat(one.get("citizen/noise")).isNull();
    }

    /** Member kinds sort by their written form, as stored and shown, not by the order of the enum constants. */
    @Test
    void memberKindsSortByTheirWrittenForm() {
        var all = new ArrayList<MemberKind>();
        for (SourceKind s : SourceKind.values()) {
            for (EventType t : EventType.values()) {
                all.add(new MemberKind(s, t));
            }
        }
        var byOrder = new ArrayList<>(all);
        byOrder.sort(Comparator.naturalOrder());
        var byText = new ArrayList<>(all);
        byText.sort(Comparator.comparing((MemberKind k) -> k.source().jsonName()).thenComparing(k -> k.type().jsonName()));
        assertThat(byOrder).isEqualTo(byText);
    }
}
