package netmon.ui.traffic;

/** Starts {@link InspectorsDemo} from a class that does not extend Application (so the classpath launch works). */
public final class InspectorsDemoLauncher {
    private InspectorsDemoLauncher() {}

    public static void main(String[] args) throws Exception { InspectorsDemo.main(args); }
}
