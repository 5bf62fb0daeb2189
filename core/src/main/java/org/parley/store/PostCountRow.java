package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * Posts archived on one UTC day in one list from one delegation, counted as they are
 * archived: the statistics read a period from these few rows (days × lists × delegations)
 * instead of every post. One row a day, list and delegation (a unique index says so).
 */
@Entity
@Table(name = "POSTCOUNTS", indexes = @Index(name = "POSTCOUNTS_DAY", columnList = "POSTDAY,LISTNAME,DELEGATION,POSTS"),
        uniqueConstraints = @UniqueConstraint(name = "POSTCOUNTS_KEY", columnNames = {"POSTDAY", "LISTNAME", "DELEGATION"}))
class PostCountRow {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    long id;
    /** Days since 1970-01-01, UTC. */
    long postDay;
    String listName;
    String delegation;
    long posts;

    protected PostCountRow() {
    }
}
