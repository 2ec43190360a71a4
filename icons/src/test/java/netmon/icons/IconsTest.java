package netmon.icons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class IconsTest {

    private static BufferedImage read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            BufferedImage image = ImageIO.read(in);
            assertNotNull(image, "not a readable PNG: " + url);
            return image;
        }
    }

    @Test
    void appIconResourcesListEverySizeSmallestFirst() {
        List<String> paths = Icons.appIconResources();
        assertEquals(List.of(
                "/netmon/icons/app-16.png", "/netmon/icons/app-24.png", "/netmon/icons/app-32.png",
                "/netmon/icons/app-48.png", "/netmon/icons/app-64.png", "/netmon/icons/app-128.png",
                "/netmon/icons/app-256.png", "/netmon/icons/app-512.png"), paths);
    }

    @Test
    void everyAppIconIsASquarePngOfItsNamedSize() throws IOException {
        for (int i = 0; i < Icons.APP_SIZES.size(); i++) {
            int size = Icons.APP_SIZES.get(i);
            BufferedImage image = read(Icons.resource(Icons.appIconResources().get(i)));
            assertEquals(size, image.getWidth(), "width of app-" + size);
            assertEquals(size, image.getHeight(), "height of app-" + size);
        }
    }

    @Test
    void appIconIsOpaqueInTheMiddleAndTransparentInTheCorner() throws IOException {
        // A rounded tile: the corner pixel shows the desktop behind, the centre is drawn.
        for (String path : Icons.appIconResources()) {
            BufferedImage image = read(Icons.resource(path));
            int size = image.getWidth();
            int centreAlpha = image.getRGB(size / 2, size / 2) >>> 24;
            int cornerAlpha = image.getRGB(0, 0) >>> 24;
            assertEquals(255, centreAlpha, "centre of " + path);
            assertTrue(cornerAlpha < 128, "corner of " + path + " has alpha " + cornerAlpha);
        }
    }

    @Test
    void everySmallIconExistsAtEverySmallSize() throws IOException {
        for (String name : Icons.SMALL_ICON_NAMES) {
            for (int size : Icons.SMALL_SIZES) {
                BufferedImage image = read(Icons.resource(Icons.smallIconResource(name, size)));
                assertEquals(size, image.getWidth(), name + " at " + size);
                assertEquals(size, image.getHeight(), name + " at " + size);
            }
        }
    }

    @Test
    void smallIconsCoverEachBuiltInService() {
        for (String service : List.of("echo", "chat", "udp-echo")) {
            assertEquals("/netmon/icons/service-" + service + "-16.png",
                    Icons.smallIconResource("service-" + service, 16));
        }
    }

    @Test
    void everyIconHasItsSvgSourceInTheModule() {
        // render.sh regenerates the PNGs from these; a PNG without a source could not be redrawn.
        Path svg = Path.of("src/main/svg");
        for (String name : List.of("app", "app-16", "app-24")) {
            assertTrue(Files.isRegularFile(svg.resolve(name + ".svg")), name + ".svg");
        }
        for (String name : Icons.SMALL_ICON_NAMES) {
            assertTrue(Files.isRegularFile(svg.resolve(name + ".svg")), name + ".svg");
        }
    }

    @Test
    void resourceAcceptsAFileNameOrAnAbsolutePath() {
        assertEquals(Icons.resource("/netmon/icons/app-32.png"), Icons.resource("app-32.png"));
    }

    @Test
    void unknownIconsFailLoudly() {
        assertThrows(IllegalArgumentException.class, () -> Icons.resource("no-such-icon.png"));
        assertThrows(IllegalArgumentException.class, () -> Icons.smallIconResource("service-ftp", 16));
        assertThrows(IllegalArgumentException.class, () -> Icons.smallIconResource("service-echo", 32));
    }
}
