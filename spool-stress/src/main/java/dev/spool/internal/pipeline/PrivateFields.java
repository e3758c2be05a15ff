package dev.spool.internal.pipeline;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;

/**
 * Handles on private members of the pipeline classes, so a stress test can drive the real field
 * rather than a copy of it. Looked up once per class at start-up; a renamed field fails the whole
 * test at class initialisation (ExceptionInInitializerError) instead of silently testing nothing.
 */
final class PrivateFields {

    private PrivateFields() {
    }

    static VarHandle instanceField(Class<?> owner, String name, Class<?> type) {
        try {
            return lookup(owner).findVarHandle(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getName() + "." + name + " is gone: update the stress test", e);
        }
    }

    static VarHandle staticField(Class<?> owner, String name, Class<?> type) {
        try {
            return lookup(owner).findStaticVarHandle(owner, name, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getName() + "." + name + " is gone: update the stress test", e);
        }
    }

    static MethodHandle constructor(Class<?> owner, Class<?>... parameterTypes) {
        try {
            return lookup(owner).findConstructor(owner, MethodType.methodType(void.class, parameterTypes));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(owner.getName() + " constructor is gone: update the stress test", e);
        }
    }

    static Class<?> nestedClass(Class<?> outer, String simpleName) {
        try {
            return Class.forName(outer.getName() + "$" + simpleName, true, outer.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(outer.getName() + "$" + simpleName + " is gone: update the stress test", e);
        }
    }

    private static MethodHandles.Lookup lookup(Class<?> owner) throws IllegalAccessException {
        // Both jars are in the unnamed module on the class path, so a private lookup is always granted.
        return MethodHandles.privateLookupIn(owner, MethodHandles.lookup());
    }
}
