package dev.conversation.domain;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.immutables.value.Value;

/**
 * The project's Immutables style: generated {@code Immutable*} classes are package-private and
 * never appear in a public signature; callers use the hand-written {@code builder()} of each
 * value type.
 *
 * <p>{@code unsafeDefaultAndDerived}: every {@code @Value.Default} here returns a constant and
 * reads no other attribute, so the generated classes need no "init shim" (an object Immutables
 * otherwise allocates per instance to order defaults that depend on each other). Keep defaults
 * constant when adding one.
 */
@Target({ElementType.PACKAGE, ElementType.TYPE})
@Retention(RetentionPolicy.CLASS)
@Value.Style(
    visibility = Value.Style.ImplementationVisibility.PACKAGE,
    builderVisibility = Value.Style.BuilderVisibility.PACKAGE,
    overshadowImplementation = true,
    defaults = @Value.Immutable(prehash = false),
    jdkOnly = true,
    unsafeDefaultAndDerived = true,
    allParameters = false)
@interface DomainStyle {}
