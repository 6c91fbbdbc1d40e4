package com.hazardwatch.model.event;

/** Thrown by codecs when input cannot be accepted; carries the dead-letter reason. */
public class RejectedInputException extends Exception {
    private final RejectReason reason;

    public RejectedInputException(RejectReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public RejectReason reason() {
        return reason;
    }
}
