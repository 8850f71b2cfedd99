package dev.furlong.cli; public final class Furlong { public static void main(String[] a){} }
