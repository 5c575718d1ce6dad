package org.vigie.audio.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigie.audio.detect.ImpulseClass;
import org.vigie.audio.detect.ImpulseRules;

/** Train on UrbanSound8K folds 1 and 2, score on fold 3: the folds are never mixed. */
class FoldEvaluationTest {
    static final Path DATA = Path.of(System.getProperty("vigie.root", "..")).resolve("../shared/data/audio");

    static LabelledClips.Listing fold(int... folds) throws Exception {
        List<Path> dirs = java.util.Arrays.stream(folds).mapToObj(f -> DATA.resolve("urbansound8k_fold" + f)).toList();
        return LabelledClips.list(dirs, dirs.stream().map(d -> d.resolve("labels.csv")).toList());
    }

    @Test
    void aModelTrainedOnFoldsOneAndTwoFindsTheGunshotsOfFoldThree(@TempDir Path tmp) throws Exception {
        var train = fold(1, 2);
        var test = fold(3);
        assertThat(train.unlabelled()).isEmpty();
        assertThat(test.clips()).hasSize(81);
        assertThat(train.clips()).noneMatch(c -> c.file().toString().contains("fold3"));
        var examples = Training.examples(train.clips(), i -> { });
        assertThat(examples.unreadable()).isEmpty();
        var model = LogisticModel.train(examples.features(), examples.labels(), LogisticModel.DEFAULT_L2,
                LogisticModel.DEFAULT_ITERATIONS);
        Path file = tmp.resolve("model.json");
        model.write(file, "urbansound8k folds 1-2");
        var read = LogisticModel.read(file);

        var scores = Evaluation.run(test.clips(), read, i -> { });
        var gunshot = scores.score(ImpulseClass.GUNSHOT);
        assertThat(gunshot.f1()).isGreaterThanOrEqualTo(0.9);
        assertThat(scores.toJson().path("classes").path("gunshot").path("support").asInt()).isEqualTo(26);

        // The rules know nothing of these recordings; they must at least not cry wolf.
        var rules = Evaluation.run(test.clips(), new ImpulseRules(), i -> { }).score(ImpulseClass.GUNSHOT);
        assertThat(rules.precision()).isGreaterThanOrEqualTo(0.8);
        assertThat(rules.recall()).isGreaterThan(0.1);
    }

    @Test
    void labelFilesInBothShapes(@TempDir Path tmp) throws Exception {
        var urban = LabelFile.read(DATA.resolve("urbansound8k_fold1/labels.csv"));
        assertThat(urban).containsEntry("102305-6-0-0.wav", ImpulseClass.GUNSHOT);
        assertThat(urban.values()).contains(ImpulseClass.SIREN, ImpulseClass.OTHER).doesNotContain(ImpulseClass.EXPLOSION);
        Path plain = tmp.resolve("l.csv");
        Files.writeString(plain, "file,class\na.wav,glass_break\nb.flac,explosion\n");
        assertThat(LabelFile.read(plain)).containsEntry("a.wav", ImpulseClass.GLASS_BREAK).containsEntry("b.flac",
                ImpulseClass.EXPLOSION);
        Files.writeString(plain, "file,class\na.wav,glass_break\nb.wav,fireworkz\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelFile.read(plain)).hasMessageContaining(":3:")
                .hasMessageContaining("fireworkz");
        Files.writeString(plain, "name,label\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LabelFile.read(plain)).hasMessageContaining("header");
    }

    @Test
    void aBrokenModelFileIsRefusedNamingTheProblem(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("m.json");
        Files.writeString(f, "{\"kind\":\"something-else\"}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogisticModel.read(f)).hasMessageContaining("not a Vigie audio model");
        Files.writeString(f, "{\"kind\":\"vigie-audio-logistic\",\"features\":[\"snr_db\"],\"classes\":[\"gunshot\"],"
                + "\"mean\":[0],\"scale\":[1,2],\"bias\":[0],\"weights\":[[1]]}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogisticModel.read(f)).hasMessageContaining("disagree");
        Files.writeString(f, "not json");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogisticModel.read(f)).hasMessageContaining("not a JSON");
    }
}
