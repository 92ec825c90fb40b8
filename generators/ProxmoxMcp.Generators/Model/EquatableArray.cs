using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace ProxmoxMcp.Generators.Model
{
    /// <summary>
    /// An immutable array compared by its items, so that models holding lists stay equal across
    /// generator runs and the incremental pipeline can cache them.
    /// </summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IEnumerable<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(IEnumerable<T> items)
        {
            _items = items.ToArray();
        }

        public static EquatableArray<T> Empty => new EquatableArray<T>(Array.Empty<T>());

        public int Count => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool Equals(EquatableArray<T> other)
        {
            var mine = _items ?? Array.Empty<T>();
            var theirs = other._items ?? Array.Empty<T>();
            if (mine.Length != theirs.Length)
            {
                return false;
            }
            for (var i = 0; i < mine.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(mine[i], theirs[i]))
                {
                    return false;
                }
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                var hash = 17;
                foreach (var item in _items ?? Array.Empty<T>())
                {
                    hash = (hash * 31) + (item is null ? 0 : item.GetHashCode());
                }
                return hash;
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
