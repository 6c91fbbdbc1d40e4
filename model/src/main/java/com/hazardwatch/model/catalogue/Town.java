package com.hazardwatch.model.catalogue;

import java.io.Serializable;

public record Town(String id, String name) implements Serializable {}
