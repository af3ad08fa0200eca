package dev.raut;

public final class Main {
  public static void main(String[] args) {
    System.out.println("raut");
  }
}
