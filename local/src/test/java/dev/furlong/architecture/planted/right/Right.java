package dev.furlong.architecture.planted.right;

import dev.furlong.architecture.planted.left.Left;

/** The other half of a cycle planted for {@code ArchitectureTest}. */
public final class Right {
    public Left partner() {
        return new Left();
    }
}
