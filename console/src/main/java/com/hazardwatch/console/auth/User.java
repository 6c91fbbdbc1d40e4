package com.hazardwatch.console.auth;

/** One console account as users.yaml holds it. */
public record User(String username, String displayName, Role role, String passwordHash) {}
