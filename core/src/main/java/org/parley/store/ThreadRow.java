package org.parley.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A thread's summary, kept up to date at archive time so list pages never aggregate messages. */
@Entity
@Table(name = "THREADS", indexes = {
        @Index(name = "THREADS_LIST_LAST", columnList = "LISTNAME,LASTAT"),
        @Index(name = "THREADS_LIST_MONTH", columnList = "LISTNAME,STARTEDMONTH,LASTAT"),
        @Index(name = "THREADS_STARTED", columnList = "STARTEDAT")})
class ThreadRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    String listName;
    @Column(length = 998)
    String subject;
    String starter;
    String starterName;
    String starterDelegation;
    long startedAt;
    /** yyyy-MM of the first message, for the month index. */
    String startedMonth;
    long lastAt;
    int messageCount;
    int participants;

    protected ThreadRow() {
    }
}
