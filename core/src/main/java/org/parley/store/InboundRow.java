package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** A message as it came in: raw bytes and envelope, kept for as long as anything refers to it. */
@Entity
@Table(name = "INBOUND", indexes = @Index(name = "INBOUND_STATE", columnList = "STATE,ID"))
class InboundRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    long receivedAt;
    String mailFrom;
    String recipient;
    String remoteHost;
    @Column(length = 64)
    String state;
    @Column(length = 2000)
    String outcome;
    long size;
    @Lob
    @Column(length = 1073741824)
    byte[] raw;

    protected InboundRow() {
    }
}
