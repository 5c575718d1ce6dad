package org.vigie.core.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list that can make a copy with one more element in constant time: versions share one array, and
 * the first version to grow past the shared end claims the next slot; a second version grown from the same one
 * (or from an older one) copies instead. An incident gains one member per event, and copying its member list on
 * every join made a long-lived incident cost more the longer it lived.
 *
 * <p>A slot is claimed by setting it from null to the element atomically, so the array is all the versions share
 * (a separate counter was one more object, and one more cache miss, per join). Safe to share between threads: a
 * version only reads the slots below its size, which were written before it was made and are never written again,
 * and the array is reached through a final field.
 */
final class GrowingList<E> extends AbstractList<E> implements RandomAccess {
    private static final GrowingList<?> EMPTY = new GrowingList<>(new Object[0], 0);
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private final Object[] items;
    private final int size;

    private GrowingList(Object[] items, int size) {
        this.items = items;
        this.size = size;
    }

    /** {@code list} itself when it is one, otherwise a copy (no null elements). */
    @SuppressWarnings("unchecked")
    static <E> GrowingList<E> of(Collection<? extends E> list) {
        if (list instanceof GrowingList<? extends E> growing) {
            return (GrowingList<E>) growing;
        }
        Object[] copy = list.toArray();
        for (Object o : copy) {
            Objects.requireNonNull(o, "element");
        }
        return copy.length == 0 ? (GrowingList<E>) EMPTY : new GrowingList<>(copy, copy.length);
    }

    static <E> GrowingList<E> of(E first) {
        Object[] items = new Object[4];
        items[0] = Objects.requireNonNull(first, "element");
        return new GrowingList<>(items, 1);
    }

    /** This list with {@code e} at the end. */
    GrowingList<E> plus(E e) {
        Objects.requireNonNull(e, "element");
        if (size < items.length && SLOT.compareAndSet(items, size, (Object) null, (Object) e)) {
            return new GrowingList<>(items, size + 1);
        }
        Object[] grown = new Object[Math.max(4, size + (size >> 1) + 1)];
        System.arraycopy(items, 0, grown, 0, size);
        grown[size] = e;
        return new GrowingList<>(grown, size + 1);
    }

    /** This list with every element of {@code more} at the end. */
    GrowingList<E> plusAll(Collection<? extends E> more) {
        Object[] grown = Arrays.copyOf(items, size + more.size());
        int n = size;
        for (E e : more) {
            grown[n++] = Objects.requireNonNull(e, "element");
        }
        return new GrowingList<>(grown, n);
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, size);
        return (E) items[index];
    }

    @Override
    public int size() {
        return size;
    }
}
