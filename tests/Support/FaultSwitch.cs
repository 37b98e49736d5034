using System.Collections.Concurrent;
using CareerNexus.Storage;

namespace CareerNexus.Tests.Support;

/// <summary>Stops a handler at a named step, as a process that dies there would: armed per step, for a number of passes.</summary>
public sealed class FaultSwitch : IFaultPoints
{
    private readonly ConcurrentDictionary<string, int> _armed = new();

    public void Arm(string step, int times = 1) => _armed[step] = times;

    public void Reach(string step)
    {
        while (_armed.TryGetValue(step, out var left) && left > 0)
            if (_armed.TryUpdate(step, left - 1, left)) throw new InjectedFault(step);
    }
}

public sealed class InjectedFault(string step) : Exception($"Injected fault at {step}");
