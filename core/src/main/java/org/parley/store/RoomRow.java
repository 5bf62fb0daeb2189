package org.parley.store;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "ROOMS")
class RoomRow {
    @Id
    String id;
    String title;
    long createdAt;

    protected RoomRow() {
    }
}
