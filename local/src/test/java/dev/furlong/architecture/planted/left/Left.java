package dev.furlong.architecture.planted.left;

import dev.furlong.architecture.planted.right.Right;

/** One half of a cycle planted for {@code ArchitectureTest}. */
public final class Left {
    public Right partner() {
        return new Right();
    }
}
