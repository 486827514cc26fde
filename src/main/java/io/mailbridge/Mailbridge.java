package io.mailbridge; public final class Mailbridge { public static void main(String[] a) {} }
