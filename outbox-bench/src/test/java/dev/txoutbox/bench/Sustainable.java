package dev.txoutbox.bench;

/**
 * Finds B3's sustainable rate by bisection: from an estimate, doubling while a block holds, then
 * halving the interval between the highest rate that held and the lowest that did not, for a fixed
 * number of blocks in all.
 */
final class Sustainable {
  /** One open-loop block at {@code rate}: whether the outbox kept up. */
  interface Block {
    boolean holds(double rate) throws Exception;
  }

  /**
   * The highest rate that held ({@code held}), or, when none did, half the lowest that failed;
   * {@code failed}: the lowest rate that did not hold, or infinity.
   */
  record Found(double rate, boolean held, double failed, int blocks) {}

  private Sustainable() {}

  static Found find(double estimate, int blocks, Block block) throws Exception {
    if (!(estimate > 0) || blocks < 1) {
      throw new IllegalArgumentException(
          "a bisection needs a positive estimate and at least one block, not "
              + estimate
              + " and "
              + blocks);
    }
    double held = 0;
    double failed = Double.POSITIVE_INFINITY;
    double rate = estimate;
    for (int i = 0; i < blocks; i++) {
      if (block.holds(rate)) {
        held = rate;
      } else {
        failed = rate;
      }
      rate = failed == Double.POSITIVE_INFINITY ? 2 * held : (held + failed) / 2;
    }
    return held > 0
        ? new Found(held, true, failed, blocks)
        : new Found(failed / 2, false, failed, blocks);
  }
}
