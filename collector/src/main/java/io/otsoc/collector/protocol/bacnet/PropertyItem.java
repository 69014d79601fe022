package io.otsoc.collector.protocol.bacnet;

/**
 * One property named by a service (ReadProperty, ReadPropertyMultiple, WriteProperty, a COV notification...),
 * with one of its values when the message carries values (a property with several values, e.g. an array read
 * whole, gives one item per value).
 *
 * @param objectType the object's type (BACnetObjectType), or -1
 * @param instance   the object's instance number, or -1
 * @param property   the property identifier, or -1
 * @param arrayIndex the array index, or -1 when absent
 * @param value      the value as text (see {@link BacnetValues}), or null when the message names the property only
 * @param accessError the answer for this property was an error (ReadPropertyMultiple's property access error)
 */
public record PropertyItem(int objectType, long instance, long property, long arrayIndex, String value,
                           boolean accessError) {

    public PropertyItem(int objectType, long instance, long property, long arrayIndex, String value) {
        this(objectType, instance, property, arrayIndex, value, false);
    }

    public String objectTypeName() {
        return objectType < 0 ? null : BacnetNames.objectType(objectType);
    }

    public String propertyName() {
        return property < 0 ? null : BacnetNames.property(property);
    }
}
