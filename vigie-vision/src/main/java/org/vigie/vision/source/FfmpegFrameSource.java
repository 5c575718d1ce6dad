package org.vigie.vision.source;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and network streams (RTSP, HTTP, anything FFmpeg opens) decoded by FFmpeg through JavaCV.
 *
 * <p>Every frame is decoded (H.264 needs its references), but only frames due at the analysis rate are converted
 * to BGR; the others skip the colour conversion, which is most of the cost after decoding. Where the stream allows,
 * non-reference frames are not decoded at all ({@code skip_frame=noref}): at 5 analysed frames per second out of
 * 25 nothing is lost, and B-frames are half the decoding work of a typical camera stream.
 *
 * <p>A live stream that ends or fails is opened again with exponential backoff; a file that ends is done. A packet
 * that cannot be decoded is counted and skipped, never fatal.
 */
public final class FfmpegFrameSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(FfmpegFrameSource.class);
    /** After this many failures in a row without a frame, a stream is considered lost rather than noisy. */
    private static final int MAX_ERRORS_IN_A_ROW = 200;

    static {
        // FFmpeg prints every damaged packet on stderr; errors are counted in health() instead.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
    }

    /** How the source waits between reconnection attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    /**
     * @param analysisFps    frames per second handed to analysis (the stream's own rate when higher than it)
     * @param maxReconnects  attempts in a row before a live source gives up; -1 for never
     * @param skipNonReference drop non-reference frames in the decoder (faster; off for evaluation of every frame)
     */
    public record Settings(double analysisFps, int maxReconnects, Duration firstBackoff, Duration maxBackoff,
                           boolean skipNonReference) {
        public static Settings defaults() {
            return new Settings(5, -1, Duration.ofSeconds(1), Duration.ofMinutes(1), true);
        }

        public Settings withAnalysisFps(double fps) {
            return new Settings(fps, maxReconnects, firstBackoff, maxBackoff, skipNonReference);
        }

        public Settings withMaxReconnects(int n) {
            return new Settings(analysisFps, n, firstBackoff, maxBackoff, skipNonReference);
        }

        public Settings withSkipNonReference(boolean skip) {
            return new Settings(analysisFps, maxReconnects, firstBackoff, maxBackoff, skip);
        }
    }

    private final String url;
    private final boolean live;
    private final Settings settings;
    private final InstantSource clock;
    private final Pause pause;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();

    private FFmpegFrameGrabber grabber;
    private Instant openedAt;
    private double offsetBase;       // seconds of earlier connections, so live offsets keep growing
    private long firstTimestamp = -1;
    private long lastTimestamp;
    private long nextDueMicros;
    private long decoded;
    private long analysed;
    private long decodeErrors;
    private long reconnects;
    private int failuresInARow;
    private Instant lastFrameAt;
    private String lastError;
    private boolean finished;
    // Reset only when a frame arrives: a camera that accepts connections but sends nothing must not be hammered.
    private int attemptsWithoutFrame;
    private Duration backoff;

    public FfmpegFrameSource(String url, Settings settings, InstantSource clock, Pause pause) {
        this.url = url;
        this.live = isLive(url);
        this.settings = settings;
        this.clock = clock;
        this.pause = pause;
    }

    public static FfmpegFrameSource open(String url, Settings settings) {
        return new FfmpegFrameSource(url, settings, InstantSource.system(), d -> Thread.sleep(d));
    }

    /** Network streams are expected to break and come back; files end. */
    static boolean isLive(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("rtsp://") || u.startsWith("rtsps://") || u.startsWith("http://") || u.startsWith("https://")
                || u.startsWith("rtmp://") || u.startsWith("udp://") || u.startsWith("srt://") || u.startsWith("tcp://");
    }

    @Override
    public Optional<VideoFrame> next() {
        while (!finished) {
            if (grabber == null && !connect()) {
                finished = true;
                break;
            }
            Frame f;
            boolean due = isDue();
            try {
                f = grabber.grabFrame(false, true, due, false, false);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                decodeErrors++;
                lastError = e.getMessage();
                if (++failuresInARow >= MAX_ERRORS_IN_A_ROW) {
                    lost("too many decoding errors in a row: " + e.getMessage());
                }
                continue;
            }
            if (f == null) {
                if (live) {
                    lost("stream ended");
                    continue;
                }
                finished = true;
                break;
            }
            if (f.image == null) {
                continue;
            }
            failuresInARow = 0;
            attemptsWithoutFrame = 0;
            backoff = null;
            decoded++;
            long ts = grabber.getTimestamp();
            if (firstTimestamp < 0) {
                firstTimestamp = ts;
            }
            lastTimestamp = ts;
            if (!due || ts + frameMicros() / 2 < nextDueMicros) {
                continue;
            }
            nextDueMicros = Math.max(nextDueMicros + intervalMicros(), ts + intervalMicros() / 2);
            Mat image = converter.convert(f);
            if (image == null || image.empty()) {
                decodeErrors++;
                continue;
            }
            double offset = offsetBase + (ts - firstTimestamp) / 1e6;
            Instant at = live ? clock.instant() : openedAt.plusNanos((long) (offset * 1e9));
            analysed++;
            lastFrameAt = at;
            return Optional.of(new VideoFrame(decoded - 1, offset, at, image));
        }
        return Optional.empty();
    }

    private long intervalMicros() {
        return (long) (1e6 / settings.analysisFps());
    }

    private long frameMicros() {
        double fps = grabber.getFrameRate();
        return fps > 0 && fps < 1000 ? (long) (1e6 / fps) : 40_000;
    }

    /** Predicts whether the next frame is due, so that frames that are not skip the colour conversion. */
    private boolean isDue() {
        if (firstTimestamp < 0) {
            return true;
        }
        return lastTimestamp + frameMicros() + frameMicros() / 2 >= nextDueMicros;
    }

    private boolean connect() {
        while (true) {
            if (attemptsWithoutFrame > 0 && !waitBeforeRetry()) {
                return false;
            }
            attemptsWithoutFrame++;
            try {
                grabber = newGrabber();
                grabber.start();
                if (openedAt == null) {
                    openedAt = clock.instant();
                }
                failuresInARow = 0;
                return true;
            } catch (FrameGrabber.Exception | RuntimeException e) {
                lastError = "cannot open " + redacted() + ": " + e.getMessage();
                closeGrabber();
                if (!live) {
                    throw new FrameSourceException(lastError, e);
                }
                LOG.info("{}", lastError);
            }
        }
    }

    private boolean waitBeforeRetry() {
        if (settings.maxReconnects() >= 0 && attemptsWithoutFrame > settings.maxReconnects()) {
            LOG.warn("giving up on {} after {} attempts without a frame: {}", redacted(), attemptsWithoutFrame, lastError);
            return false;
        }
        backoff = backoff == null ? settings.firstBackoff()
                : backoff.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        LOG.info("retrying {} in {}", redacted(), backoff);
        try {
            pause.pause(backoff);
            return true;
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private FFmpegFrameGrabber newGrabber() {
        var g = new FFmpegFrameGrabber(url);
        if (settings.skipNonReference()) {
            g.setVideoOption("skip_frame", "noref");
        }
        g.setVideoOption("threads", "1"); // one camera per core is the unit of scaling, not one frame
        if (live) {
            g.setOption("rw_timeout", "10000000"); // µs; a silent camera is a lost camera
            if (url.toLowerCase(Locale.ROOT).startsWith("rtsp")) {
                g.setOption("rtsp_transport", "tcp");
            }
        }
        return g;
    }

    private void lost(String why) {
        lastError = why;
        LOG.info("{} lost ({}); reconnecting", redacted(), why);
        if (firstTimestamp >= 0) {
            offsetBase += (lastTimestamp - firstTimestamp) / 1e6;
        }
        firstTimestamp = -1;
        nextDueMicros = 0;
        closeGrabber();
        reconnects++;
    }

    /** Camera urls often carry a password; logs and health never show it. */
    private String redacted() {
        return url.replaceAll("://[^/@]*@", "://***@");
    }

    private void closeGrabber() {
        if (grabber != null) {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                LOG.debug("closing {}: {}", redacted(), e.getMessage());
            }
            grabber = null;
        }
    }

    /** Frames the file announces (for progress), or -1 when unknown or live. Opens the source if needed. */
    public long expectedFrames() {
        if (grabber == null && !finished && !connect()) {
            finished = true;
        }
        if (live || grabber == null) {
            return -1;
        }
        long n = grabber.getLengthInVideoFrames();
        return n > 0 ? n : -1;
    }

    /** The stream's own frame rate, or NaN when unknown. */
    public double streamFps() {
        if (grabber == null && !finished && !connect()) {
            finished = true;
        }
        double fps = grabber == null ? Double.NaN : grabber.getFrameRate();
        return fps > 0 && fps < 1000 ? fps : Double.NaN;
    }

    @Override
    public SourceHealth health() {
        return new SourceHealth(decoded, analysed, decodeErrors, reconnects, lastFrameAt, grabber != null, lastError);
    }

    @Override
    public void close() {
        finished = true;
        closeGrabber();
    }
}
