package shop;

public class Sync {
  void run() {
    try {
      push();
    } catch (Exception e) { // expect-finding
    }
  }
}
